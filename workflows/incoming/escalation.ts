import { condition } from '@temporalio/workflow';
import { ladderInstants } from '../shared/timing';
import type { LifeTask, PersonRef } from './contract';
import { acts, newTask, step, SYSTEM, timingOf, type Engine } from './engine';

/*
 * The escalation ladder of every open task (../shared/timing.ts gives the instants): at the due time plus the
 * configured delays the holder is reminded (level 1), the task is flagged overdue for the supervisor (level 2), and it
 * moves to the official acting in the holder's post or to the holder's superior (level 3), each step audited.
 */

/** The instant the next rung of an open task's ladder is reached, or undefined when no task waits for one. */
export function nextWakeAt(e: Engine): number | undefined {
  let next: number | undefined;
  for (const t of Object.values(e.tasks)) {
    if (t.status !== 'open' || !t.dueAt || t.escalationLevel >= 3) continue;
    const at = ladderInstants(timingOf(e), new Date(t.dueAt))[t.escalationLevel].getTime();
    if (next === undefined || at < next) next = at;
  }
  return next;
}

/** Waits until a step happens, `done()` holds, or the next rung is reached (then climbs it under the mutex). */
export async function waitOrEscalate(
  e: Engine,
  exclusive: <R>(work: () => Promise<R>) => Promise<R>,
  done: () => boolean,
): Promise<void> {
  const seen = e.counter.steps;
  const woken = () => done() || e.counter.steps !== seen;
  const wake = nextWakeAt(e);
  if (wake === undefined) return condition(woken);
  if (!(await condition(woken, Math.max(1, wake - Date.now())))) await exclusive(() => escalateDue(e));
}

/** Climbs one rung for every open task whose time has come: remind (1), flag overdue (2), move up (3). */
async function escalateDue(e: Engine): Promise<void> {
  const now = Date.now();
  for (const t of Object.values(e.tasks)) {
    if (t.status !== 'open' || !t.dueAt || t.escalationLevel >= 3) continue;
    if (ladderInstants(timingOf(e), new Date(t.dueAt))[t.escalationLevel].getTime() > now) continue;
    const holder = t.assigneeUserId ? { userId: t.assigneeUserId } : { queue: t.unitId, role: t.queueRole };
    const details = { taskId: t.taskId, type: t.type, holder, dueAt: t.dueAt };
    if (t.escalationLevel === 0) {
      await step(e, { actor: SYSTEM, action: 'task.reminded', details, escalation: { taskId: t.taskId, level: 1 } });
      continue;
    }
    const above = await acts.superiorOf({
      ...(t.assigneeUserId ? { assigneeUserId: t.assigneeUserId } : { queueRole: t.queueRole }),
      unitId: t.unitId,
      date: e.day(),
    });
    if (t.escalationLevel === 1) {
      const flag = { ...details, supervisor: above.supervisor ?? null };
      await step(e, {
        actor: SYSTEM,
        action: 'task.flagged_overdue',
        details: flag,
        escalation: { taskId: t.taskId, level: 2 },
      });
      continue;
    }
    await moveUp(e, t, above);
  }
}

/** Level 3: the task moves to the official acting in the holder's post, else to the holder's superior. */
async function moveUp(e: Engine, t: LifeTask, above: { acting?: PersonRef; supervisor?: PersonRef }): Promise<void> {
  const to = above.acting ?? above.supervisor;
  const details = { taskId: t.taskId, type: t.type, from: t.assigneeUserId ?? { queue: t.unitId, role: t.queueRole } };
  if (!to || to.id === t.assigneeUserId) {
    await step(e, {
      actor: SYSTEM,
      action: 'task.escalation_exhausted',
      details,
      escalation: { taskId: t.taskId, level: 3 },
    });
    return;
  }
  const next = newTask(e, t.type, { user: to }, { round: t.round, level: t.level });
  await step(e, {
    actor: SYSTEM,
    action: 'task.escalated',
    details: { ...details, to, reason: above.acting ? 'acting' : 'superior' },
    close: { taskId: t.taskId, outcome: 'escalated' },
    open: [next],
    escalation: { taskId: t.taskId, level: 3 },
  });
}
