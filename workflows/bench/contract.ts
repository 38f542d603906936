import { defineUpdate } from '@temporalio/workflow';

/** Input of the baseline workflow: how many updates it takes before it completes. */
export interface EchoInput {
  updates: number;
}

/** One step of the baseline: the update returns how many steps it has seen. */
export const echoStepUpdate = defineUpdate<number, [string]>('echoStep');

/** Workflow id of one baseline life. */
export function echoWorkflowId(key: string): string {
  return `bench-echo-${key}`;
}
