/** The file read when a command is given neither --config nor --source. */
export const DEFAULT_CONFIG_FILE = "op-reconcile.yml"
