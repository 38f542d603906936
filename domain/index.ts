/** The saraban rules of the BMA as one pure library: import everything from here. */
export * from './thai/digits';
export * from './thai/dates';
export * from './enums';
export * from './numbers';
export * from './schemas';
export * from './calendar/holidays';
export * from './deadlines';
export * from './org';
export * from './policy';
export * from './kinds';
export * from './salutations';
export * from './signature';
export * from './retention';
