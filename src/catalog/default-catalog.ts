// Where the shipped catalog lives: the default of every command, resolved from this module so it works from dist/.
import { fileURLToPath } from "node:url";

/** The shipped catalog directory, the default of every command. */
export const DEFAULT_CATALOG_DIR = fileURLToPath(new URL("../../controls/", import.meta.url));
