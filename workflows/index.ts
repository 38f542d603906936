/** Every workflow, for the worker's bundle. */
export { incomingDocument } from './incoming/incoming';
export { paperFollowUp } from './incoming/paper-follow-up';
