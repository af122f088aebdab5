/**
 * A policy document as blocks of prose: headings, paragraphs, list items and table rows, each
 * with its text cleaned of markup and every character traced back to its source line.
 */

export type BlockKind = 'heading' | 'paragraph' | 'item' | 'row';

/** A link target inside a block, at an offset of the block's text. */
export interface BlockLink {
  offset: number;
  url: string;
}

export interface Block {
  kind: BlockKind;
  /** Clean text: markup removed, whitespace collapsed to single spaces, trimmed. */
  text: string;
  /** 1-based source line of each character of `text`. */
  lines: number[];
  links: BlockLink[];
}

/** Accumulates text for one block, collapsing whitespace while keeping each character's line. */
export class BlockBuilder {
  private text = '';
  private lines: number[] = [];
  private links: BlockLink[] = [];
  private pendingSpace: number | undefined;

  constructor(readonly kind: BlockKind) {}

  append(text: string, line: number): void {
    for (const ch of text) {
      if (/\s/u.test(ch)) {
        if (this.text.length > 0) this.pendingSpace ??= line;
        continue;
      }
      if (this.pendingSpace !== undefined) {
        this.text += ' ';
        this.lines.push(this.pendingSpace);
        this.pendingSpace = undefined;
      }
      this.text += ch;
      for (let i = 0; i < ch.length; i++) this.lines.push(line);
    }
  }

  /** Forces a space before the next text (a soft line break or a table cell boundary). */
  space(line: number): void {
    if (this.text.length > 0) this.pendingSpace ??= line;
  }

  link(url: string): void {
    this.links.push({ offset: this.text.length, url });
  }

  get isEmpty(): boolean {
    return this.text.length === 0;
  }

  /** The text so far ends a sentence, so a following line starts a new paragraph. */
  get endsSentence(): boolean {
    return /[.!?。！？]["'”’)）]?$/u.test(this.text);
  }

  build(): Block | undefined {
    if (this.text.length === 0) return undefined;
    return { kind: this.kind, text: this.text, lines: this.lines, links: this.links };
  }
}

/** Collects finished blocks; an empty builder yields nothing. */
export class BlockList {
  readonly blocks: Block[] = [];
  private current: BlockBuilder | undefined;

  /** The open block, starting a paragraph if none is open. */
  open(kind: BlockKind = 'paragraph'): BlockBuilder {
    this.current ??= new BlockBuilder(kind);
    return this.current;
  }

  get openBlock(): BlockBuilder | undefined {
    return this.current;
  }

  start(kind: BlockKind): BlockBuilder {
    this.close();
    this.current = new BlockBuilder(kind);
    return this.current;
  }

  close(): void {
    const block = this.current?.build();
    if (block) this.blocks.push(block);
    this.current = undefined;
  }
}
