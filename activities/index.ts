import { createDocumentActivities, type DocumentActivityDeps } from './documents';
import { createCircularActivities } from './circular';
import { createOutgoingActivities } from './outgoing';
import { createOutgoingDispatchActivities } from './outgoing-dispatch';
import { createIncomingActivities } from './incoming';
import { createLetterActivities, type LetterActivityDeps } from './letters';
import { createMailActivities, type MailActivityDeps } from './mail';

/** Everything the activities need, built once by the worker's composition root. */
export type ActivityDeps = DocumentActivityDeps & Omit<LetterActivityDeps, 'ds'> & Omit<MailActivityDeps, 'ds'>;

/** Every activity of the system, with its dependencies injected. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createDocumentActivities(deps),
    ...createOutgoingActivities(deps),
    ...createOutgoingDispatchActivities(deps),
    ...createCircularActivities(deps),
    ...createIncomingActivities(deps),
    ...createLetterActivities(deps),
    ...createMailActivities(deps),
  };
}

/** The activity functions, as workflows see their types. */
export type Activities = ReturnType<typeof createActivities>;
