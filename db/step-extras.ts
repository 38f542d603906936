import type { EntityManager } from 'typeorm';
import { dbTime } from './time';

/** A minute (เกษียน) a step writes on the document. */
export interface MinuteInput {
  taskId?: string;
  text: string;
  authorUserId: string;
  authorName: string;
  positionTitle: string;
  /** annotate | approve | return | propose */
  decision: string;
}

/** What a step may change besides tasks, stage and audit; each part is optional. */
export interface StepExtras {
  minute?: MinuteInput;
  /** The step was done on paper by the rollout policy: the reason is kept on the document and shown there. */
  paper?: { code: string; reason: string };
  /** The escalation level a task reached (1 reminded, 2 flagged overdue, 3 moved). */
  escalation?: { taskId: string; level: number };
}

/** Applies a step's extras inside the caller's transaction (the one that claimed the step, so they apply once). */
export async function applyStepExtras(
  em: EntityManager,
  step: StepExtras & { documentId: string; stepKey: string },
  at: Date,
): Promise<void> {
  if (step.minute) {
    const m = step.minute;
    await em.query(
      `INSERT INTO minutes (document_id, task_id, step_key, at, author_user_id, author_name, position_title, text, decision)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        step.documentId,
        m.taskId ?? null,
        step.stepKey.slice(0, 200),
        dbTime(at),
        m.authorUserId,
        m.authorName.slice(0, 255),
        m.positionTitle.slice(0, 500),
        m.text,
        m.decision,
      ],
    );
  }
  if (step.paper) {
    await em.query('UPDATE documents SET paper_reason_code = ?, paper_reason = ?, updated_at = ? WHERE id = ?', [
      step.paper.code.slice(0, 64),
      step.paper.reason.slice(0, 500),
      dbTime(at),
      step.documentId,
    ]);
  }
  if (step.escalation) {
    await em.query('UPDATE tasks SET escalation_level = ? WHERE id = ?', [
      step.escalation.level,
      step.escalation.taskId,
    ]);
  }
}
