/** Every workflow, for the worker's bundle. */
export { incomingDocument } from './incoming/incoming';
export { outgoingDocument } from './outgoing/outgoing';
export { circularDocument } from './circular/circular';
export { circularBatch } from './circular/batch';
export { paperFollowUp } from './incoming/paper-follow-up';
export { benchEcho } from './bench/echo';
