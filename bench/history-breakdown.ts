import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';

type Event = temporal.api.history.v1.IHistoryEvent;

/**
 * Where the time of a workflow's first Update goes, read off the server's own timestamps in each history, from the
 * start to the Update's completion, as a mean over the workflows: waiting for a worker to pick up a workflow task,
 * running it, waiting for an activity to be picked up, running each activity type. Lines, largest first.
 */
export async function historyBreakdown(client: Client, workflowIds: string[]): Promise<string[]> {
  const totals = new Map<string, number>();
  let span = 0;
  for (const id of workflowIds) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    const events = history.events ?? [];
    const t = (e: Event) => Number(e.eventTime?.seconds ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;
    const byId = new Map(events.map((e) => [Number(e.eventId), e]));
    const add = (what: string, ms: number) => totals.set(what, (totals.get(what) ?? 0) + ms);
    const start = t(events[0]);
    for (const e of events) {
      if (e.workflowTaskStartedEventAttributes) {
        add(
          'workflow task: waiting for a worker',
          t(e) - t(byId.get(Number(e.workflowTaskStartedEventAttributes.scheduledEventId))!),
        );
      } else if (e.workflowTaskCompletedEventAttributes) {
        add(
          'workflow task: running on the worker',
          t(e) - t(byId.get(Number(e.workflowTaskCompletedEventAttributes.startedEventId))!),
        );
      } else if (e.activityTaskStartedEventAttributes) {
        add(
          'activity: waiting for a worker',
          t(e) - t(byId.get(Number(e.activityTaskStartedEventAttributes.scheduledEventId))!),
        );
      } else if (e.activityTaskCompletedEventAttributes) {
        const started = byId.get(Number(e.activityTaskCompletedEventAttributes.startedEventId))!;
        const scheduled = byId.get(Number(e.activityTaskCompletedEventAttributes.scheduledEventId))!;
        const type = scheduled.activityTaskScheduledEventAttributes?.activityType?.name ?? 'activity';
        add(`activity ${type}: running`, t(e) - t(started));
      } else if (e.workflowExecutionUpdateCompletedEventAttributes) {
        span += t(e) - start;
        break;
      }
    }
  }
  const n = workflowIds.length;
  const lines = [...totals]
    .sort((a, b) => b[1] - a[1])
    .map(([what, ms]) => `${(ms / n).toFixed(1).padStart(7)} ms  ${what}`);
  const counted = [...totals.values()].reduce((a, b) => a + b, 0);
  lines.push(`${((span - counted) / n).toFixed(1).padStart(7)} ms  between (the server recording events, queueing)`);
  lines.push(`${(span / n).toFixed(1).padStart(7)} ms  in all, start to the Update's completion`);
  return lines;
}
