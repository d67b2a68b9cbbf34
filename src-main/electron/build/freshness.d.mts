// Types of freshness.mjs (plain JavaScript so that it runs without the TypeScript loader).
export declare const ROOT: string;
export declare const CLI_DIR: string;
export declare const CLI_BUNDLE: string;
export declare const CLI_INPUTS: string;
export declare const RENDERER_DIST: string;
export declare const RENDERER_SOURCES: readonly string[];
export declare function newestMtime(entry: string): number;
export declare function cliStale(root?: string): boolean;
export declare function rendererStale(): boolean;
