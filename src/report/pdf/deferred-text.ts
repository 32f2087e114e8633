// Text whose content is known only at the end (page totals, contents page numbers), placed now.
// Why: a Form XObject referenced on the page is written after the last page, so "Page X of Y" needs
// neither buffered pages (about 320 MiB at 200 pages) nor a second rendering pass.
import { rgb } from "./content.js";
import type { Face, Faces } from "./faces.js";
import { currentFont } from "./pdfkit-internals.js";

/** Where and how a deferred text is drawn. */
export interface SlotStyle {
  readonly x: number;
  /** Top of the line, as for `doc.text`. */
  readonly y: number;
  readonly width: number;
  readonly size: number;
  readonly face: Face;
  readonly color: string;
  readonly align: "left" | "right";
}

/** Placed text waiting for its content. */
export interface Slot {
  resolve(text: string): void;
}

/** Places deferred texts in one document and fills any left open before the document ends. */
export interface DeferredText {
  place(style: SlotStyle): Slot;
  /** Resolves every slot still open with an empty text, so that the document can end. */
  closeAll(): void;
}

const num = (n: number) => n.toFixed(2);

/** Creates the deferred-text placer of one document. */
export function createDeferredText(doc: PDFKit.PDFDocument, faces: Faces): DeferredText {
  const open = new Set<Slot>();
  let count = 0;
  return {
    place(style) {
      const name = `DT${++count}`;
      faces.select(doc, style.face);
      const ascender = currentFont(doc).ascender;
      const fonts: Record<string, PDFKit.PDFKitReference> = {};
      const form = doc.ref({
        Type: "XObject",
        Subtype: "Form",
        BBox: [-2, -style.size, style.width + 2, style.size * 1.5],
        Resources: { Font: fonts },
      });
      // A few bytes of text: compressing each would cost a zlib call and a 16 KiB output slab per page.
      form.compress = false;
      doc.page.xobjects[name] = form;
      const baseline = style.y + (ascender / 1000) * style.size;
      // The page's coordinates run top-down; the form is drawn upright by flipping back.
      doc.addContent(`q 1 0 0 -1 ${num(style.x)} ${num(baseline)} cm /${name} Do Q`);
      const slot: Slot = {
        resolve(text) {
          if (!open.delete(slot)) return;
          faces.select(doc, style.face);
          const font = currentFont(doc);
          const [glyphs] = font.encode(text);
          const width = font.widthOfString(text, style.size);
          const dx = style.align === "right" ? style.width - width : 0;
          fonts[font.id] = font.ref();
          form.end(
            `BT /${font.id} ${num(style.size)} Tf ${rgb(style.color)} rg ${num(dx)} 0 Td <${glyphs.join("")}> Tj ET`,
          );
        },
      };
      open.add(slot);
      return slot;
    },
    closeAll() {
      for (const slot of [...open]) slot.resolve("");
    },
  };
}
