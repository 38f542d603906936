import type { OrgSnapshot } from '../domain';
import type { DemoOutsideBody } from '../db/seed';
import demo from './demo-org.json';
import outside from './outside-bodies.json';

/** The demo BMA organisation (a copy of shared/fixtures/demo-org.json): seeds, tests and the README walkthrough. */
export const demoOrganisation = demo as unknown as OrgSnapshot;

/** Demo outside bodies for the directory (addresses on the reserved .example domain only). */
export const demoOutsideBodies = outside.bodies as DemoOutsideBody[];
