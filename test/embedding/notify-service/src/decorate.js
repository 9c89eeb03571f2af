/**
 * Applies property decorators (class-validator's, class-transformer's) to a class field. Plain
 * JavaScript has no decorator syntax; in TypeScript these are `@IsString() formatter = ...`.
 */
export function decorate(cls, property, ...decorators) {
  for (const decorator of decorators) decorator(cls.prototype, property);
}
