import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { Logger } from 'pino';

/** The workflow interceptor modules every bundle of ours carries (setup's bundle, the tests', a worker's own). */
export const WORKFLOW_INTERCEPTOR_MODULES = [require.resolve('../workflows/interceptors')];

type Traced = { requestId?: unknown };

/**
 * The API's request id an activity's one input object carries, if any: on the input itself (outgoing, circular), in
 * the audit details of the step it records (incoming steps) or of the registration.
 */
function requestIdOf(args: unknown[]): string | undefined {
  const first = args[0] as (Traced & { details?: Traced; auditDetails?: Traced }) | undefined;
  const id = first?.requestId ?? first?.details?.requestId ?? first?.auditDetails?.requestId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Logs each activity's end with the request that caused its step (info when there is one, debug for timers' and
 * retries' own work), its workflow, attempt and time; a failure as a warning (Temporal retries it).
 */
export function activityRequestLogging(log: Logger): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const { activityType, attempt, workflowExecution } = ctx.info;
        const requestId = requestIdOf(input.args);
        const fields = { activity: activityType, workflowId: workflowExecution?.workflowId, attempt, requestId };
        const started = Date.now();
        try {
          const result = await next(input);
          log[requestId ? 'info' : 'debug']({ ...fields, ms: Date.now() - started }, 'activity completed');
          return result;
        } catch (error) {
          log.warn({ ...fields, ms: Date.now() - started, err: error }, 'activity failed');
          throw error;
        }
      },
    },
  });
}
