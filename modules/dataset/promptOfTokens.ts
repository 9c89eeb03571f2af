import type { Tokenizer } from "aiperf";

/** Round trips tried before settling: two are the norm (cut, then check); more only at odd word boundaries. */
const MAX_ROUND_TRIPS = 32;

/**
 * A text of exactly `target` tokens by `tokenizer`, tokenized back: words are drawn until the text
 * holds at least `target` tokens, the ids are cut to `target` and decoded, and the decoded text is
 * encoded again; a cut that merges or splits differently on the way back is cut (or extended) again.
 * Returns the closest text found if no round trip is exact (none seen with BPE tokenizers).
 */
export function promptOfTokens(tokenizer: Tokenizer, target: number, nextWord: () => string): string {
  let ids = tokenizer.encode(words(target, nextWord));
  let best = { text: "", off: Number.POSITIVE_INFINITY };
  for (let trip = 0; trip < MAX_ROUND_TRIPS; trip++) {
    while (ids.length < target) ids = tokenizer.encode(`${tokenizer.decode(ids)} ${words(target - ids.length, nextWord)}`);
    const text = tokenizer.decode(ids.slice(0, target));
    const back = tokenizer.encode(text);
    if (back.length === target) return text;
    if (Math.abs(back.length - target) < best.off) best = { text, off: Math.abs(back.length - target) };
    // Too many: cut the re-encoded ids. Too few: extend past the target and cut again.
    ids = back.length > target ? back : tokenizer.encode(`${text} ${words(target - back.length + 1, nextWord)}`);
  }
  return best.text;
}

function words(n: number, nextWord: () => string): string {
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = nextWord();
  return out.join(" ");
}
