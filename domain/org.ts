/** The organisation: types, tree look-ups, acting officials, the chain of command and executives' clerks. */
export * from './org/types';
export * from './org/tree';
export * from './org/acting';
export * from './org/chain';
export * from './org/registrar';
