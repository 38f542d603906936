import type { Client } from '@temporalio/client';

/**
 * A poller seen this recently still polls: an idle worker's long poll returns empty after about a minute and is
 * renewed at once, while Temporal keeps a stopped poller in its list for five minutes.
 */
const POLLED_WITHIN_MS = 75_000;

/** temporal.api.enums.v1.TaskQueueType: the workflow and the activity side of a task queue. */
const WORKFLOW_SIDE = 1;
const ACTIVITY_SIDE = 2;

/**
 * How many worker processes poll the task queue: the distinct identities (`pid@host`) that DescribeTaskQueue lists
 * for its workflow or activity side and that polled within the last POLLED_WITHIN_MS.
 */
export async function countPollingWorkers(
  client: Client,
  q: { namespace: string; taskQueue: string },
  now = Date.now(),
): Promise<number> {
  const sides = await Promise.all(
    [WORKFLOW_SIDE, ACTIVITY_SIDE].map((taskQueueType) =>
      client.workflowService.describeTaskQueue({
        namespace: q.namespace,
        taskQueue: { name: q.taskQueue },
        taskQueueType,
      }),
    ),
  );
  const identities = new Set<string>();
  for (const side of sides)
    for (const poller of side.pollers ?? []) {
      const seconds = Number(poller.lastAccessTime?.seconds ?? 0);
      if (poller.identity && now - seconds * 1000 < POLLED_WITHIN_MS) identities.add(poller.identity);
    }
  return identities.size;
}
