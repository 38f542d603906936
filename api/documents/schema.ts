import { z } from 'zod';
import { incomingDocumentInput } from '../../domain';

/** POST /api/documents/incoming: the domain's own schema, so the API and the rules never drift apart. */
export const registerIncomingInput = incomingDocumentInput;

export const documentIdParam = z.object({ id: z.string().uuid() });
