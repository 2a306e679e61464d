// The types of api-types.mjs, for the test that compares the committed types with the documents.
export declare const documentsDirectory: string;
export declare const typesDirectory: string;
export declare function documentNames(directory?: string): string[];
export declare function generateTypes(name: string, directory?: string): Promise<string>;
export declare function committedTypes(name: string): string;
