// Types of scripts/check-arrows.mjs, for the test that runs it.
/** Folder ranks, lowest first. */
export declare const RANKS: readonly (readonly string[])[];
/** Every import that points from a folder to one of the same or a higher rank. */
export declare function wrongArrows(srcDir: string): string[];
