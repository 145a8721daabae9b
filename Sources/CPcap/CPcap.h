// System-library umbrella for libpcap. Only the C shim (CPcapShim) includes
// this; Swift code talks to the shim's narrow header instead.
#include <pcap/pcap.h>
