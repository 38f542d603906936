/** The rollout policy of the seed memo: the plan and the decisions made from it. */
export * from './policy/plan';
export * from './policy/decide';
