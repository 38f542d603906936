import { condition } from '@temporalio/workflow';
import { ladderInstants } from '../shared/timing';
import type * as c from './contract';
import { acts, newTask, step, systemActor, timingOf, today, type Life } from './life';

/** The task types whose holder is chased: an author's own draft is not. */
const CHASED: c.OutgoingTaskType[] = ['review', 'sign', 'dispatch'];

function ladderOf(life: Life, t: c.OutgoingTask): number | undefined {
  const level = t.escalationLevel ?? 0;
  if (t.status !== 'open' || !t.dueAt || level >= 3 || !CHASED.includes(t.type)) return undefined;
  return ladderInstants(timingOf(life), new Date(t.dueAt))[level].getTime();
}

/** The instant the next rung of an open task's ladder is reached, or undefined when none waits for one. */
export function nextWakeAt(life: Life): number | undefined {
  let next: number | undefined;
  for (const t of Object.values(life.state.tasks)) {
    const at = ladderOf(life, t);
    if (at !== undefined && (next === undefined || at < next)) next = at;
  }
  return next;
}

/** Waits until `done()`, a step, or the next rung (then climbs it under the mutex). */
export async function waitOrEscalate(
  life: Life,
  exclusive: <R>(work: () => Promise<R>) => Promise<R>,
  done: () => boolean,
): Promise<void> {
  const seen = life.steps;
  const woken = () => done() || life.steps !== seen;
  const wake = nextWakeAt(life);
  if (wake === undefined) return condition(woken);
  if (!(await condition(woken, Math.max(1, wake - Date.now())))) await exclusive(() => escalateDue(life));
}

/**
 * Climbs one rung for every task whose time has come, as the incoming life does: remind the holder (1), flag the
 * task overdue for the supervisor (2), then move it (3): a review to the official acting in the reviewer's post or
 * else their superior; a signature only to an official acting in the post (nobody else may sign for it); a clerk
 * queue's dispatch stays in the queue.
 */
async function escalateDue(life: Life): Promise<void> {
  const now = Date.now();
  const actor = systemActor(life.input.unitId);
  for (const t of Object.values(life.state.tasks)) {
    const at = ladderOf(life, t);
    if (at === undefined || at > now) continue;
    const level = t.escalationLevel ?? 0;
    const holder = t.assigneeUserId ? { userId: t.assigneeUserId } : { queue: t.unitId, role: t.queueRole };
    const details = { taskId: t.taskId, type: t.type, holder, dueAt: t.dueAt };
    if (level === 0) {
      await step(life, { actor, action: 'task.reminded', details, escalation: { taskId: t.taskId, level: 1 } });
      continue;
    }
    const above = await acts.superiorOf({
      ...(t.assigneeUserId ? { assigneeUserId: t.assigneeUserId } : { queueRole: t.queueRole }),
      unitId: t.unitId,
      date: today(),
    });
    if (level === 1) {
      const flag = { ...details, supervisor: above.supervisor ?? null };
      await step(life, {
        actor,
        action: 'task.flagged_overdue',
        details: flag,
        escalation: { taskId: t.taskId, level: 2 },
      });
      continue;
    }
    const to = t.type === 'review' ? (above.acting ?? above.supervisor) : t.type === 'sign' ? above.acting : undefined;
    const escalation = { taskId: t.taskId, level: 3 };
    if (!to || to.id === t.assigneeUserId) {
      await step(life, { actor, action: 'task.escalation_exhausted', details, escalation });
      continue;
    }
    const next = newTask(life, t.type, { userId: to.id });
    await step(
      life,
      {
        actor,
        action: 'task.escalated',
        details: { ...details, to, reason: above.acting ? 'acting' : 'superior' },
        escalation,
      },
      [{ taskId: t.taskId, outcome: 'escalated' }],
      [next],
    );
    if (t.type === 'review') {
      const route = life.state.route;
      // The one who now holds the review decides for that step of the route.
      if (route?.reviewers[life.state.routeIndex]) {
        route.reviewers[life.state.routeIndex] = {
          ...route.reviewers[life.state.routeIndex],
          userId: to.id,
          displayName: to.displayName,
        };
      }
    }
  }
}
