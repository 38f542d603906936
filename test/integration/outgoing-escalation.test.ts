import { apiClient } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { act, buildOutgoing, taskOf, waitFor } from '../support/lives';
import { startTestSystem, type TestSystem } from '../support/system';

/** Every task is due 2 s after it opens; reminded at once, flagged 1 s later, moved 2 s after that. */
const LADDER = {
  TASK_DUE_SECONDS: '2',
  ESCALATION_REMIND_AFTER_SECONDS: '0',
  ESCALATION_FLAG_AFTER_SECONDS: '1',
  ESCALATION_MOVE_AFTER_SECONDS: '3',
  ESCALATION_WORKING_TIME: 'false',
};

describe.each(testDatabaseKinds())('escalation in the outgoing life on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    system = await startTestSystem(kind, { env: LADDER });
    api = apiClient(system.baseUrl);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('reminds a silent reviewer, flags the review overdue, then moves it to the superior, who decides once', async () => {
    const staff = await api.login('staff.ladkrabang');
    const assistant = await api.login('assistant.ladkrabang');
    const created = await api.post('/api/documents', buildOutgoing({ subject: 'เรื่องที่รอการพิจารณา' }), staff);
    const id = created.body.id as string;
    expect((await api.post(`/api/documents/${id}/submit`, {}, staff)).status).toBe(200);

    const moved = await waitFor(
      () => api.get(`/api/documents/${id}`, staff),
      (res) => res.body.history.some((h: { action: string }) => h.action === 'task.escalated'),
      60_000,
    );
    const actions = moved.body.history.map((h: { action: string }) => h.action);
    expect(actions.indexOf('task.reminded')).toBeLessThan(actions.indexOf('task.flagged_overdue'));
    expect(actions.indexOf('task.flagged_overdue')).toBeLessThan(actions.indexOf('task.escalated'));
    const escalated = moved.body.history.find((h: { action: string }) => h.action === 'task.escalated');
    expect(escalated.details).toMatchObject({ reason: 'superior', to: { displayName: 'นางสาวสุดา บุญมา' } });

    // The assistant director now holds the head's review, and is also the next reviewer: one decision for both.
    const review = await taskOf(api, assistant, id, 'review');
    const approved = await act(api, assistant, review.taskId, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body.stage).toBe('signing');
  });
});
