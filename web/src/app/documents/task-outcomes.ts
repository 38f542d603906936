import { Injectable } from '@angular/core';
import { Subject } from 'rxjs';
import type { ApiError } from '../core/api-error';
import type { TaskActionResponse } from '../core/api-types';

/** What happened to an action, for the document page to show and to reload on. */
export type ActionOutcome =
  { ok: true; action: string; answer: TaskActionResponse } | { ok: false; action: string; error: ApiError };

/**
 * The document page's channel for its task actions' outcomes, provided by the page. Not an output of the action's
 * component: a step taken removes its task from the page, and a reload (the receipt stamp's poll) that lands before
 * the answer destroys the component, whose outputs then deliver nothing; the page outlives it.
 */
@Injectable()
export class TaskOutcomes {
  readonly reported = new Subject<ActionOutcome>();

  report(outcome: ActionOutcome): void {
    this.reported.next(outcome);
  }
}
