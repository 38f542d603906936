import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';

/**
 * Replay safety: histories of whole incoming lives recorded from the real dev server (test/fixtures/histories/,
 * written by the life and escalation suites with RECORD_HISTORIES=1) must replay against the current workflow code.
 * A change that would break a running document fails here: guard it with `patched()`.
 */
const dir = join(__dirname, '..', 'fixtures', 'histories');
const files = readdirSync(dir).filter((f) => f.startsWith('incoming-') && f.endsWith('.json'));

describe('replaying recorded incoming lives', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(1);
  });

  it.each(files)('%s replays against the current workflows', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    const bundle = process.env.SARABAN_WORKFLOW_BUNDLE;
    await Worker.runReplayHistory(
      bundle ? { workflowBundle: { codePath: bundle } } : { workflowsPath: require.resolve('../../workflows') },
      history,
      file.replace(/\.json$/, ''),
    );
  });
});
