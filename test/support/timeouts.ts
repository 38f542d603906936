// Tests that cross processes start real servers: hooks and tests get minutes, not Jest's default five seconds.
jest.setTimeout(600_000);
