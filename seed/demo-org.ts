import type { OrgSnapshot } from '../domain';
import demo from './demo-org.json';

/** The demo BMA organisation (a copy of shared/fixtures/demo-org.json): seeds, tests and the README walkthrough. */
export const demoOrganisation = demo as unknown as OrgSnapshot;
