// rsocket-js uses Node's global Buffer; in the browser the bundler substitutes this module's export for it.
export { Buffer } from "buffer";
