/** The cluster tests' clusters: each test file starts one of its own (scripts/lib/cluster/scratch.ts). */
export {
  startScratchCluster as startTestCluster,
  type ScratchCluster as TestCluster,
} from '../../../scripts/lib/cluster/scratch';
