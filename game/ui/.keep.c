/* Keeps the library non-empty while its module is being written. */
typedef int bw_ui_keep_unused;
