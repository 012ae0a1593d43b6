export interface RunBlock {
  readonly file: string
  /** 1-based line of the script's first line in the YAML file. */
  readonly line: number
  readonly shell: string
  readonly script: string
  readonly where: string
}
export declare const maskExpressions: (script: string) => string
export declare const extractRunBlocks: (yamlText: string, file: string) => RunBlock[]
