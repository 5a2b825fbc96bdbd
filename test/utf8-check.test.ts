// The chunked UTF-8 check must fail at exactly the chunk where a fatal streaming
// TextDecoder fails, so the CSV reader falls back to Windows-1252 as it did when it decoded.
import { describe, expect, it } from 'vitest';
import { createUtf8Check } from '../src/responses/utf8-check.js';
import { seededRandom } from './helpers/random.js';

/** Index of the chunk the decoder rejects, chunks.length if only the end is rejected, -1 if all is UTF-8. */
function decoderVerdict(chunks: Uint8Array[]): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < chunks.length; i++) {
    try {
      decoder.decode(chunks[i], { stream: true });
    } catch {
      return i;
    }
  }
  try {
    decoder.decode();
  } catch {
    return chunks.length;
  }
  return -1;
}

function checkVerdict(chunks: Uint8Array[]): number {
  const check = createUtf8Check();
  for (let i = 0; i < chunks.length; i++) if (!check.chunk(chunks[i])) return i;
  return check.end() ? -1 : chunks.length;
}

const random = (seed: number) => seededRandom(seed).next;

/** Cuts bytes into chunks of 0–5 bytes, so characters are cut at every possible place. */
function cut(bytes: Uint8Array, next: () => number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    const length = Math.floor(next() * 6);
    chunks.push(bytes.subarray(at, at + length));
    at += length;
  }
  return chunks;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('checking UTF-8 chunk by chunk', () => {
  it('accepts UTF-8 text cut anywhere, and rejects what is cut off at the end', () => {
    const text = utf8('Sjældent;Af og til;Måske 😀 – “citat”\r\n');
    for (let at = 0; at <= text.length; at++) {
      expect(checkVerdict([text.subarray(0, at), text.subarray(at)])).toBe(-1);
    }
    expect(checkVerdict([utf8('æ').subarray(0, 1)])).toBe(1);
    expect(checkVerdict([utf8('😀').subarray(0, 3), new Uint8Array(0)])).toBe(2);
  });

  it('rejects Windows-1252 text, a bad character start at a chunk end and a bad continuation in the next chunk where the decoder does', () => {
    const latin1 = Uint8Array.from([0x53, 0x6a, 0xe6, 0x6c, 0x64, 0x65, 0x6e, 0x74]); // "Sjældent" in Windows-1252
    expect(checkVerdict([utf8('ok;'), latin1])).toBe(1);
    // E0 80 can never start a character: rejected in the chunk it ends, not the next one.
    const cases = [
      [utf8('a'), Uint8Array.from([0x61, 0xe0, 0x80]), utf8('b')],
      [Uint8Array.from([0x61, 0xed, 0xa0]), utf8('b')], // a surrogate
      [Uint8Array.from([0xf4, 0x90]), utf8('b')], // beyond U+10FFFF
      [Uint8Array.from([0x61, 0xc3]), utf8('b')], // æ cut, then no continuation
      [Uint8Array.from([0xe2]), Uint8Array.from([0x80]), Uint8Array.from([0x41])],
      [Uint8Array.from([0xc0, 0xaf])], // overlong
      [Uint8Array.from([0x61, 0xff])],
    ];
    for (const chunks of cases) expect(checkVerdict(chunks)).toBe(decoderVerdict(chunks));
  });

  it('agrees with the decoder on random bytes in random chunks', () => {
    const next = random(20240611);
    // Mostly valid text with now and then a random byte, so both verdicts occur often.
    const pieces = ['a', ';', '\n', 'æ', 'ø', 'å', '€', '😀', '"'].map(utf8);
    let rejected = 0;
    for (let round = 0; round < 3000; round++) {
      const parts: number[] = [];
      const length = Math.floor(next() * 30);
      for (let i = 0; i < length; i++) {
        if (next() < 0.03) parts.push(Math.floor(next() * 256));
        else parts.push(...pieces[Math.floor(next() * pieces.length)]);
      }
      const chunks = cut(Uint8Array.from(parts), next);
      const expected = decoderVerdict(chunks);
      if (expected !== -1) rejected++;
      expect(checkVerdict(chunks), `bytes ${Buffer.from(parts).toString('hex')}`).toBe(expected);
    }
    expect(rejected).toBeGreaterThan(300);
  });
});
