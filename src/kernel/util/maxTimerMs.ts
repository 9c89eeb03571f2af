/**
 * The longest delay a Node timer holds (2^31 − 1 ms); a longer one fires after 1 ms. Every
 * configurable timeout and duration is bounded by it, in one place.
 * @public
 */
export const MAX_TIMER_MS = 2_147_483_647;
