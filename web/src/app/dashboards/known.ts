import { ENUM_IDS } from '../core/labels';

/** True when `id` is a value of the enumeration (domain/'s ids). */
export function isKnown(enumeration: keyof typeof ENUM_IDS, id: string): boolean {
  return (ENUM_IDS[enumeration] as readonly string[]).includes(id);
}
