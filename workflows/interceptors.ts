import { log, type WorkflowInterceptorsFactory, type WorkflowInboundCallsInterceptor } from '@temporalio/workflow';

/** The API's request id an update or signal carries in its one argument (`requestId`, optional everywhere). */
function requestIdOf(args: unknown[]): string | undefined {
  const first = args[0] as { requestId?: unknown } | undefined;
  return typeof first?.requestId === 'string' ? first.requestId : undefined;
}

/**
 * Logs the start of a life and every human step it accepts with the API request that caused it, so one request id leads from the API's
 * log line through the workflow's to the activities' (the worker's logger adds the workflow id and run). Logging only:
 * no command is added, so recorded histories replay unchanged (and the SDK mutes workflow logs during replay).
 */
class RequestLogInbound implements WorkflowInboundCallsInterceptor {
  async execute(
    input: Parameters<NonNullable<WorkflowInboundCallsInterceptor['execute']>>[0],
    next: Parameters<NonNullable<WorkflowInboundCallsInterceptor['execute']>>[1],
  ): Promise<unknown> {
    const requestId = requestIdOf(input.args);
    log.info('life started', requestId ? { requestId } : {});
    return next(input);
  }

  async handleUpdate(
    input: Parameters<NonNullable<WorkflowInboundCallsInterceptor['handleUpdate']>>[0],
    next: Parameters<NonNullable<WorkflowInboundCallsInterceptor['handleUpdate']>>[1],
  ): Promise<unknown> {
    const requestId = requestIdOf(input.args);
    log.info('update accepted', { update: input.name, updateId: input.updateId, ...(requestId ? { requestId } : {}) });
    return next(input);
  }

  async handleSignal(
    input: Parameters<NonNullable<WorkflowInboundCallsInterceptor['handleSignal']>>[0],
    next: Parameters<NonNullable<WorkflowInboundCallsInterceptor['handleSignal']>>[1],
  ): Promise<void> {
    const requestId = requestIdOf(input.args);
    log.info('signal received', { signal: input.signalName, ...(requestId ? { requestId } : {}) });
    return next(input);
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({ inbound: [new RequestLogInbound()] });
