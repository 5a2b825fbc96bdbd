// linebreak ships no type declarations: the part of its public API used here (its README:
// `new LineBreaker(text)`, `nextBreak()` giving the position after each breakable piece).
declare module 'linebreak' {
  export interface Break {
    position: number;
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
