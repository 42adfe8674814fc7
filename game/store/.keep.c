/* Keeps the library non-empty while its module is being written. */
typedef int bw_store_keep_unused;
