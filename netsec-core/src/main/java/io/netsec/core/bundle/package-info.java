/**
 * The model bundle: a folder with the manifest, the portable model, the schema it was trained
 * with and their checksums, read only as plain values after every checksum and the format
 * version hold, and written atomically ({@link io.netsec.core.bundle.ModelBundle}).
 */
package io.netsec.core.bundle;
