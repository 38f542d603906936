import { condition, setHandler } from '@temporalio/workflow';
import { echoStepUpdate, type EchoInput } from './contract';

/**
 * The benchmark's baseline: a life with as many updates as a document's, and no activities. What the engine itself
 * can do on the same server is the yardstick the lifecycle figures are divided by.
 */
export async function benchEcho(input: EchoInput): Promise<{ steps: number }> {
  let steps = 0;
  setHandler(echoStepUpdate, () => ++steps);
  await condition(() => steps >= input.updates);
  return { steps };
}
