// The system zlib (Debian's zlib1g-dev), for streamed gzip reading of usage exports.
#include <zlib.h>
