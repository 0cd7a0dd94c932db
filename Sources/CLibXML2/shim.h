#include <libxml/xmlversion.h>
// Keep Debian's ICU headers out of the module: they clash with Foundation's ICU in debug builds.
// Never allocate an xmlCharEncodingHandler from Swift.
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/// `xmlFree` is a global function pointer, which Swift 6 cannot use concurrency-safely.
static inline void cxml_free(void *p) { xmlFree(p); }
