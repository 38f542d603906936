import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

import type {
  AnswerOf,
  BulkTaskActionRequest,
  InboxResponse,
  OverdueResponse,
  RequestOf,
  Schemas,
  TaskActionRequest,
} from '../api-types';
import { segment, writeOptions, type QueryParams } from './http';

/** Tasks: the inbox, a person's step on a task, a supervisor's overdue list and moves (`/api/inbox`, `/api/tasks`). */
@Injectable({ providedIn: 'root' })
export class TasksApi {
  private readonly http = inject(HttpClient);

  /** One page of the caller's open tasks (`scope=unit`: the unit's shared queue). */
  inbox(params: QueryParams<'/api/inbox'>): Observable<InboxResponse> {
    return this.http.get<InboxResponse>('/api/inbox', { params });
  }

  /** A human step on a task: the document's new stage and the tasks it opened. */
  act(
    taskId: string,
    body: TaskActionRequest,
    idempotencyKey?: string,
  ): Observable<AnswerOf<'/api/tasks/{taskId}/actions', 'post'>> {
    return this.http.post<AnswerOf<'/api/tasks/{taskId}/actions', 'post'>>(
      `/api/tasks/${segment(taskId)}/actions`,
      body,
      writeOptions(idempotencyKey),
    );
  }

  /** The same step on many tasks, each its own Update: one result per task, in the order given. */
  bulk(body: BulkTaskActionRequest, idempotencyKey?: string): Observable<Schemas['BulkTaskActionAnswer']> {
    return this.http.post<Schemas['BulkTaskActionAnswer']>('/api/tasks/bulk', body, writeOptions(idempotencyKey));
  }

  /** A supervisor moves an open task to another official of their units. */
  reassign(
    taskId: string,
    body: RequestOf<'/api/tasks/{taskId}/reassign', 'post'>,
    idempotencyKey?: string,
  ): Observable<AnswerOf<'/api/tasks/{taskId}/reassign', 'post'>> {
    return this.http.post<AnswerOf<'/api/tasks/{taskId}/reassign', 'post'>>(
      `/api/tasks/${segment(taskId)}/reassign`,
      body,
      writeOptions(idempotencyKey),
    );
  }

  /** One page of the overdue and due-soon tasks of the supervisor's units, soonest due first. */
  overdue(params: QueryParams<'/api/supervisor/overdue'>): Observable<OverdueResponse> {
    return this.http.get<OverdueResponse>('/api/supervisor/overdue', { params });
  }
}
