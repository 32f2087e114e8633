// The versioned names of vaspcheck's JSON formats, in a module without zod, so a renderer can name its format
// without loading the schemas (the CLI's --help stays light).

/** Version of the evaluation JSON format; bumped on any incompatible change. */
export const RESULT_FORMAT = "vaspcheck/evaluation@4";
/** Version of the comparison JSON format; bumped on any incompatible change. */
export const COMPARISON_FORMAT = "vaspcheck/comparison@4";
/** Version of the diff JSON format; bumped on any incompatible change. */
export const DIFF_FORMAT = "vaspcheck/diff@4";
