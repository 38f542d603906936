import type { Activities } from '../../activities';

/** The dispatch activity's types, read off `Activities` so workflow code imports the activities' one type only. */
type RecordDispatch = Activities['recordDispatch'];

/** How one recipient gets the document, as the life decided with the rollout policy. */
export type PlannedDelivery = Parameters<RecordDispatch>[0]['deliveries'][number];
/** What the recipients' incoming lives need to know of the sender. */
export type DispatchRecorded = Awaited<ReturnType<RecordDispatch>>;
/** A recipient unit whose incoming life the outgoing life starts. */
export type ElectronicDelivery = DispatchRecorded['electronic'][number];
