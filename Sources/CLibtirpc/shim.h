/* Only CTirpc's C files use libtirpc; this target exists so SwiftPM finds
 * its include path and library through pkg-config (libtirpc.pc). */
#include <rpc/rpc.h>
