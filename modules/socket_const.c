/*
 * modules/socket_const.c — the integer constants of `_socket` (the names
 * CPython 3.11 exposes on Linux), and BDADDR_ANY / BDADDR_LOCAL.
 * Immutable tables, added to the module dict at import.
 */
#define _GNU_SOURCE 1
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "../objects/dict.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "socket_internal.h"

typedef struct {
    const char *name;
    long long value;
} sock_const_t;

#define K(name)                                                                                    \
    { #name, (long long)(name) }

// Constants from the system headers (guarded: a libc without one leaves it out).
static const sock_const_t sock_macro_consts[] = {
#ifdef AF_ALG
    K(AF_ALG),
#endif
#ifdef AF_APPLETALK
    K(AF_APPLETALK),
#endif
#ifdef AF_ASH
    K(AF_ASH),
#endif
#ifdef AF_ATMPVC
    K(AF_ATMPVC),
#endif
#ifdef AF_ATMSVC
    K(AF_ATMSVC),
#endif
#ifdef AF_AX25
    K(AF_AX25),
#endif
#ifdef AF_BLUETOOTH
    K(AF_BLUETOOTH),
#endif
#ifdef AF_BRIDGE
    K(AF_BRIDGE),
#endif
#ifdef AF_CAN
    K(AF_CAN),
#endif
#ifdef AF_DECnet
    K(AF_DECnet),
#endif
#ifdef AF_ECONET
    K(AF_ECONET),
#endif
#ifdef AF_INET
    K(AF_INET),
#endif
#ifdef AF_INET6
    K(AF_INET6),
#endif
#ifdef AF_IPX
    K(AF_IPX),
#endif
#ifdef AF_IRDA
    K(AF_IRDA),
#endif
#ifdef AF_KEY
    K(AF_KEY),
#endif
#ifdef AF_LLC
    K(AF_LLC),
#endif
#ifdef AF_NETBEUI
    K(AF_NETBEUI),
#endif
#ifdef AF_NETLINK
    K(AF_NETLINK),
#endif
#ifdef AF_NETROM
    K(AF_NETROM),
#endif
#ifdef AF_PACKET
    K(AF_PACKET),
#endif
#ifdef AF_PPPOX
    K(AF_PPPOX),
#endif
#ifdef AF_QIPCRTR
    K(AF_QIPCRTR),
#endif
#ifdef AF_RDS
    K(AF_RDS),
#endif
#ifdef AF_ROSE
    K(AF_ROSE),
#endif
#ifdef AF_ROUTE
    K(AF_ROUTE),
#endif
#ifdef AF_SECURITY
    K(AF_SECURITY),
#endif
#ifdef AF_SNA
    K(AF_SNA),
#endif
#ifdef AF_TIPC
    K(AF_TIPC),
#endif
#ifdef AF_UNIX
    K(AF_UNIX),
#endif
#ifdef AF_UNSPEC
    K(AF_UNSPEC),
#endif
#ifdef AF_VSOCK
    K(AF_VSOCK),
#endif
#ifdef AF_WANPIPE
    K(AF_WANPIPE),
#endif
#ifdef AF_X25
    K(AF_X25),
#endif
#ifdef AI_ADDRCONFIG
    K(AI_ADDRCONFIG),
#endif
#ifdef AI_ALL
    K(AI_ALL),
#endif
#ifdef AI_CANONNAME
    K(AI_CANONNAME),
#endif
#ifdef AI_NUMERICHOST
    K(AI_NUMERICHOST),
#endif
#ifdef AI_NUMERICSERV
    K(AI_NUMERICSERV),
#endif
#ifdef AI_PASSIVE
    K(AI_PASSIVE),
#endif
#ifdef AI_V4MAPPED
    K(AI_V4MAPPED),
#endif
#ifdef EAI_ADDRFAMILY
    K(EAI_ADDRFAMILY),
#endif
#ifdef EAI_AGAIN
    K(EAI_AGAIN),
#endif
#ifdef EAI_BADFLAGS
    K(EAI_BADFLAGS),
#endif
#ifdef EAI_FAIL
    K(EAI_FAIL),
#endif
#ifdef EAI_FAMILY
    K(EAI_FAMILY),
#endif
#ifdef EAI_MEMORY
    K(EAI_MEMORY),
#endif
#ifdef EAI_NODATA
    K(EAI_NODATA),
#endif
#ifdef EAI_NONAME
    K(EAI_NONAME),
#endif
#ifdef EAI_OVERFLOW
    K(EAI_OVERFLOW),
#endif
#ifdef EAI_SERVICE
    K(EAI_SERVICE),
#endif
#ifdef EAI_SOCKTYPE
    K(EAI_SOCKTYPE),
#endif
#ifdef EAI_SYSTEM
    K(EAI_SYSTEM),
#endif
#ifdef INADDR_ALLHOSTS_GROUP
    K(INADDR_ALLHOSTS_GROUP),
#endif
#ifdef INADDR_ANY
    K(INADDR_ANY),
#endif
#ifdef INADDR_BROADCAST
    K(INADDR_BROADCAST),
#endif
#ifdef INADDR_LOOPBACK
    K(INADDR_LOOPBACK),
#endif
#ifdef INADDR_MAX_LOCAL_GROUP
    K(INADDR_MAX_LOCAL_GROUP),
#endif
#ifdef INADDR_NONE
    K(INADDR_NONE),
#endif
#ifdef INADDR_UNSPEC_GROUP
    K(INADDR_UNSPEC_GROUP),
#endif
#ifdef IPPORT_RESERVED
    K(IPPORT_RESERVED),
#endif
#ifdef IPPROTO_AH
    K(IPPROTO_AH),
#endif
#ifdef IPPROTO_DSTOPTS
    K(IPPROTO_DSTOPTS),
#endif
#ifdef IPPROTO_EGP
    K(IPPROTO_EGP),
#endif
#ifdef IPPROTO_ESP
    K(IPPROTO_ESP),
#endif
#ifdef IPPROTO_FRAGMENT
    K(IPPROTO_FRAGMENT),
#endif
#ifdef IPPROTO_GRE
    K(IPPROTO_GRE),
#endif
#ifdef IPPROTO_HOPOPTS
    K(IPPROTO_HOPOPTS),
#endif
#ifdef IPPROTO_ICMP
    K(IPPROTO_ICMP),
#endif
#ifdef IPPROTO_ICMPV6
    K(IPPROTO_ICMPV6),
#endif
#ifdef IPPROTO_IDP
    K(IPPROTO_IDP),
#endif
#ifdef IPPROTO_IGMP
    K(IPPROTO_IGMP),
#endif
#ifdef IPPROTO_IP
    K(IPPROTO_IP),
#endif
#ifdef IPPROTO_IPIP
    K(IPPROTO_IPIP),
#endif
#ifdef IPPROTO_IPV6
    K(IPPROTO_IPV6),
#endif
#ifdef IPPROTO_MPTCP
    K(IPPROTO_MPTCP),
#endif
#ifdef IPPROTO_NONE
    K(IPPROTO_NONE),
#endif
#ifdef IPPROTO_PIM
    K(IPPROTO_PIM),
#endif
#ifdef IPPROTO_PUP
    K(IPPROTO_PUP),
#endif
#ifdef IPPROTO_RAW
    K(IPPROTO_RAW),
#endif
#ifdef IPPROTO_ROUTING
    K(IPPROTO_ROUTING),
#endif
#ifdef IPPROTO_RSVP
    K(IPPROTO_RSVP),
#endif
#ifdef IPPROTO_SCTP
    K(IPPROTO_SCTP),
#endif
#ifdef IPPROTO_TCP
    K(IPPROTO_TCP),
#endif
#ifdef IPPROTO_TP
    K(IPPROTO_TP),
#endif
#ifdef IPPROTO_UDP
    K(IPPROTO_UDP),
#endif
#ifdef IPPROTO_UDPLITE
    K(IPPROTO_UDPLITE),
#endif
#ifdef IPV6_CHECKSUM
    K(IPV6_CHECKSUM),
#endif
#ifdef IPV6_DONTFRAG
    K(IPV6_DONTFRAG),
#endif
#ifdef IPV6_DSTOPTS
    K(IPV6_DSTOPTS),
#endif
#ifdef IPV6_HOPLIMIT
    K(IPV6_HOPLIMIT),
#endif
#ifdef IPV6_HOPOPTS
    K(IPV6_HOPOPTS),
#endif
#ifdef IPV6_JOIN_GROUP
    K(IPV6_JOIN_GROUP),
#endif
#ifdef IPV6_LEAVE_GROUP
    K(IPV6_LEAVE_GROUP),
#endif
#ifdef IPV6_MULTICAST_HOPS
    K(IPV6_MULTICAST_HOPS),
#endif
#ifdef IPV6_MULTICAST_IF
    K(IPV6_MULTICAST_IF),
#endif
#ifdef IPV6_MULTICAST_LOOP
    K(IPV6_MULTICAST_LOOP),
#endif
#ifdef IPV6_NEXTHOP
    K(IPV6_NEXTHOP),
#endif
#ifdef IPV6_PATHMTU
    K(IPV6_PATHMTU),
#endif
#ifdef IPV6_PKTINFO
    K(IPV6_PKTINFO),
#endif
#ifdef IPV6_RECVDSTOPTS
    K(IPV6_RECVDSTOPTS),
#endif
#ifdef IPV6_RECVHOPLIMIT
    K(IPV6_RECVHOPLIMIT),
#endif
#ifdef IPV6_RECVHOPOPTS
    K(IPV6_RECVHOPOPTS),
#endif
#ifdef IPV6_RECVPATHMTU
    K(IPV6_RECVPATHMTU),
#endif
#ifdef IPV6_RECVPKTINFO
    K(IPV6_RECVPKTINFO),
#endif
#ifdef IPV6_RECVRTHDR
    K(IPV6_RECVRTHDR),
#endif
#ifdef IPV6_RECVTCLASS
    K(IPV6_RECVTCLASS),
#endif
#ifdef IPV6_RTHDR
    K(IPV6_RTHDR),
#endif
#ifdef IPV6_RTHDRDSTOPTS
    K(IPV6_RTHDRDSTOPTS),
#endif
#ifdef IPV6_RTHDR_TYPE_0
    K(IPV6_RTHDR_TYPE_0),
#endif
#ifdef IPV6_TCLASS
    K(IPV6_TCLASS),
#endif
#ifdef IPV6_UNICAST_HOPS
    K(IPV6_UNICAST_HOPS),
#endif
#ifdef IPV6_V6ONLY
    K(IPV6_V6ONLY),
#endif
#ifdef IP_ADD_MEMBERSHIP
    K(IP_ADD_MEMBERSHIP),
#endif
#ifdef IP_BIND_ADDRESS_NO_PORT
    K(IP_BIND_ADDRESS_NO_PORT),
#endif
#ifdef IP_DEFAULT_MULTICAST_LOOP
    K(IP_DEFAULT_MULTICAST_LOOP),
#endif
#ifdef IP_DEFAULT_MULTICAST_TTL
    K(IP_DEFAULT_MULTICAST_TTL),
#endif
#ifdef IP_DROP_MEMBERSHIP
    K(IP_DROP_MEMBERSHIP),
#endif
#ifdef IP_HDRINCL
    K(IP_HDRINCL),
#endif
#ifdef IP_MAX_MEMBERSHIPS
    K(IP_MAX_MEMBERSHIPS),
#endif
#ifdef IP_MULTICAST_IF
    K(IP_MULTICAST_IF),
#endif
#ifdef IP_MULTICAST_LOOP
    K(IP_MULTICAST_LOOP),
#endif
#ifdef IP_MULTICAST_TTL
    K(IP_MULTICAST_TTL),
#endif
#ifdef IP_OPTIONS
    K(IP_OPTIONS),
#endif
#ifdef IP_RECVOPTS
    K(IP_RECVOPTS),
#endif
#ifdef IP_RECVRETOPTS
    K(IP_RECVRETOPTS),
#endif
#ifdef IP_RECVTOS
    K(IP_RECVTOS),
#endif
#ifdef IP_RETOPTS
    K(IP_RETOPTS),
#endif
#ifdef IP_TOS
    K(IP_TOS),
#endif
#ifdef IP_TRANSPARENT
    K(IP_TRANSPARENT),
#endif
#ifdef IP_TTL
    K(IP_TTL),
#endif
#ifdef MSG_CMSG_CLOEXEC
    K(MSG_CMSG_CLOEXEC),
#endif
#ifdef MSG_CONFIRM
    K(MSG_CONFIRM),
#endif
#ifdef MSG_CTRUNC
    K(MSG_CTRUNC),
#endif
#ifdef MSG_DONTROUTE
    K(MSG_DONTROUTE),
#endif
#ifdef MSG_DONTWAIT
    K(MSG_DONTWAIT),
#endif
#ifdef MSG_EOR
    K(MSG_EOR),
#endif
#ifdef MSG_ERRQUEUE
    K(MSG_ERRQUEUE),
#endif
#ifdef MSG_FASTOPEN
    K(MSG_FASTOPEN),
#endif
#ifdef MSG_MORE
    K(MSG_MORE),
#endif
#ifdef MSG_NOSIGNAL
    K(MSG_NOSIGNAL),
#endif
#ifdef MSG_OOB
    K(MSG_OOB),
#endif
#ifdef MSG_PEEK
    K(MSG_PEEK),
#endif
#ifdef MSG_TRUNC
    K(MSG_TRUNC),
#endif
#ifdef MSG_WAITALL
    K(MSG_WAITALL),
#endif
#ifdef NI_DGRAM
    K(NI_DGRAM),
#endif
#ifdef NI_MAXHOST
    K(NI_MAXHOST),
#endif
#ifdef NI_MAXSERV
    K(NI_MAXSERV),
#endif
#ifdef NI_NAMEREQD
    K(NI_NAMEREQD),
#endif
#ifdef NI_NOFQDN
    K(NI_NOFQDN),
#endif
#ifdef NI_NUMERICHOST
    K(NI_NUMERICHOST),
#endif
#ifdef NI_NUMERICSERV
    K(NI_NUMERICSERV),
#endif
#ifdef PF_CAN
    K(PF_CAN),
#endif
#ifdef PF_PACKET
    K(PF_PACKET),
#endif
#ifdef PF_RDS
    K(PF_RDS),
#endif
#ifdef SCM_CREDENTIALS
    K(SCM_CREDENTIALS),
#endif
#ifdef SCM_RIGHTS
    K(SCM_RIGHTS),
#endif
#ifdef SHUT_RD
    K(SHUT_RD),
#endif
#ifdef SHUT_RDWR
    K(SHUT_RDWR),
#endif
#ifdef SHUT_WR
    K(SHUT_WR),
#endif
#ifdef SOCK_CLOEXEC
    K(SOCK_CLOEXEC),
#endif
#ifdef SOCK_DGRAM
    K(SOCK_DGRAM),
#endif
#ifdef SOCK_NONBLOCK
    K(SOCK_NONBLOCK),
#endif
#ifdef SOCK_RAW
    K(SOCK_RAW),
#endif
#ifdef SOCK_RDM
    K(SOCK_RDM),
#endif
#ifdef SOCK_SEQPACKET
    K(SOCK_SEQPACKET),
#endif
#ifdef SOCK_STREAM
    K(SOCK_STREAM),
#endif
#ifdef SOL_ALG
    K(SOL_ALG),
#endif
#ifdef SOL_IP
    K(SOL_IP),
#endif
#ifdef SOL_RDS
    K(SOL_RDS),
#endif
#ifdef SOL_SOCKET
    K(SOL_SOCKET),
#endif
#ifdef SOL_TCP
    K(SOL_TCP),
#endif
#ifdef SOL_TIPC
    K(SOL_TIPC),
#endif
#ifdef SOL_UDP
    K(SOL_UDP),
#endif
#ifdef SOMAXCONN
    K(SOMAXCONN),
#endif
#ifdef SO_ACCEPTCONN
    K(SO_ACCEPTCONN),
#endif
#ifdef SO_BINDTODEVICE
    K(SO_BINDTODEVICE),
#endif
#ifdef SO_BROADCAST
    K(SO_BROADCAST),
#endif
#ifdef SO_DEBUG
    K(SO_DEBUG),
#endif
#ifdef SO_DOMAIN
    K(SO_DOMAIN),
#endif
#ifdef SO_DONTROUTE
    K(SO_DONTROUTE),
#endif
#ifdef SO_ERROR
    K(SO_ERROR),
#endif
#ifdef SO_INCOMING_CPU
    K(SO_INCOMING_CPU),
#endif
#ifdef SO_KEEPALIVE
    K(SO_KEEPALIVE),
#endif
#ifdef SO_LINGER
    K(SO_LINGER),
#endif
#ifdef SO_MARK
    K(SO_MARK),
#endif
#ifdef SO_OOBINLINE
    K(SO_OOBINLINE),
#endif
#ifdef SO_PASSCRED
    K(SO_PASSCRED),
#endif
#ifdef SO_PASSSEC
    K(SO_PASSSEC),
#endif
#ifdef SO_PEERCRED
    K(SO_PEERCRED),
#endif
#ifdef SO_PEERSEC
    K(SO_PEERSEC),
#endif
#ifdef SO_PRIORITY
    K(SO_PRIORITY),
#endif
#ifdef SO_PROTOCOL
    K(SO_PROTOCOL),
#endif
#ifdef SO_RCVBUF
    K(SO_RCVBUF),
#endif
#ifdef SO_RCVLOWAT
    K(SO_RCVLOWAT),
#endif
#ifdef SO_RCVTIMEO
    K(SO_RCVTIMEO),
#endif
#ifdef SO_REUSEADDR
    K(SO_REUSEADDR),
#endif
#ifdef SO_REUSEPORT
    K(SO_REUSEPORT),
#endif
#ifdef SO_SNDBUF
    K(SO_SNDBUF),
#endif
#ifdef SO_SNDLOWAT
    K(SO_SNDLOWAT),
#endif
#ifdef SO_SNDTIMEO
    K(SO_SNDTIMEO),
#endif
#ifdef SO_TYPE
    K(SO_TYPE),
#endif
#ifdef TCP_CONGESTION
    K(TCP_CONGESTION),
#endif
#ifdef TCP_CORK
    K(TCP_CORK),
#endif
#ifdef TCP_DEFER_ACCEPT
    K(TCP_DEFER_ACCEPT),
#endif
#ifdef TCP_FASTOPEN
    K(TCP_FASTOPEN),
#endif
#ifdef TCP_INFO
    K(TCP_INFO),
#endif
#ifdef TCP_KEEPCNT
    K(TCP_KEEPCNT),
#endif
#ifdef TCP_KEEPIDLE
    K(TCP_KEEPIDLE),
#endif
#ifdef TCP_KEEPINTVL
    K(TCP_KEEPINTVL),
#endif
#ifdef TCP_LINGER2
    K(TCP_LINGER2),
#endif
#ifdef TCP_MAXSEG
    K(TCP_MAXSEG),
#endif
#ifdef TCP_NODELAY
    K(TCP_NODELAY),
#endif
#ifdef TCP_NOTSENT_LOWAT
    K(TCP_NOTSENT_LOWAT),
#endif
#ifdef TCP_QUICKACK
    K(TCP_QUICKACK),
#endif
#ifdef TCP_SYNCNT
    K(TCP_SYNCNT),
#endif
#ifdef TCP_USER_TIMEOUT
    K(TCP_USER_TIMEOUT),
#endif
#ifdef TCP_WINDOW_CLAMP
    K(TCP_WINDOW_CLAMP),
#endif
    {NULL, 0},
};
// Linux ABI values of constants that the kernel headers define (often as enum
// members, which #ifdef cannot see); CPython 3.11 on Linux exposes them all.
static const sock_const_t sock_linux_consts[] = {
    {"ALG_OP_DECRYPT", 0LL},
    {"ALG_OP_ENCRYPT", 1LL},
    {"ALG_OP_SIGN", 2LL},
    {"ALG_OP_VERIFY", 3LL},
    {"ALG_SET_AEAD_ASSOCLEN", 4LL},
    {"ALG_SET_AEAD_AUTHSIZE", 5LL},
    {"ALG_SET_IV", 2LL},
    {"ALG_SET_KEY", 1LL},
    {"ALG_SET_OP", 3LL},
    {"ALG_SET_PUBKEY", 6LL},
    {"BTPROTO_HCI", 1LL},
    {"BTPROTO_L2CAP", 0LL},
    {"BTPROTO_RFCOMM", 3LL},
    {"BTPROTO_SCO", 2LL},
    {"CAN_BCM", 2LL},
    {"CAN_BCM_CAN_FD_FRAME", 2048LL},
    {"CAN_BCM_RX_ANNOUNCE_RESUME", 256LL},
    {"CAN_BCM_RX_CHANGED", 12LL},
    {"CAN_BCM_RX_CHECK_DLC", 64LL},
    {"CAN_BCM_RX_DELETE", 6LL},
    {"CAN_BCM_RX_FILTER_ID", 32LL},
    {"CAN_BCM_RX_NO_AUTOTIMER", 128LL},
    {"CAN_BCM_RX_READ", 7LL},
    {"CAN_BCM_RX_RTR_FRAME", 1024LL},
    {"CAN_BCM_RX_SETUP", 5LL},
    {"CAN_BCM_RX_STATUS", 10LL},
    {"CAN_BCM_RX_TIMEOUT", 11LL},
    {"CAN_BCM_SETTIMER", 1LL},
    {"CAN_BCM_STARTTIMER", 2LL},
    {"CAN_BCM_TX_ANNOUNCE", 8LL},
    {"CAN_BCM_TX_COUNTEVT", 4LL},
    {"CAN_BCM_TX_CP_CAN_ID", 16LL},
    {"CAN_BCM_TX_DELETE", 2LL},
    {"CAN_BCM_TX_EXPIRED", 9LL},
    {"CAN_BCM_TX_READ", 3LL},
    {"CAN_BCM_TX_RESET_MULTI_IDX", 512LL},
    {"CAN_BCM_TX_SEND", 4LL},
    {"CAN_BCM_TX_SETUP", 1LL},
    {"CAN_BCM_TX_STATUS", 8LL},
    {"CAN_EFF_FLAG", 2147483648LL},
    {"CAN_EFF_MASK", 536870911LL},
    {"CAN_ERR_FLAG", 536870912LL},
    {"CAN_ERR_MASK", 536870911LL},
    {"CAN_ISOTP", 6LL},
    {"CAN_J1939", 7LL},
    {"CAN_RAW", 1LL},
    {"CAN_RAW_FD_FRAMES", 5LL},
    {"CAN_RAW_FILTER", 1LL},
    {"CAN_RAW_JOIN_FILTERS", 6LL},
    {"CAN_RAW_LOOPBACK", 3LL},
    {"CAN_RAW_RECV_OWN_MSGS", 4LL},
    {"CAN_RTR_FLAG", 1073741824LL},
    {"CAN_SFF_MASK", 2047LL},
    {"HCI_DATA_DIR", 1LL},
    {"HCI_FILTER", 2LL},
    {"HCI_TIME_STAMP", 3LL},
    {"IOCTL_VM_SOCKETS_GET_LOCAL_CID", 1977LL},
    {"IPPORT_USERRESERVED", 5000LL},
    {"J1939_EE_INFO_NONE", 0LL},
    {"J1939_EE_INFO_TX_ABORT", 1LL},
    {"J1939_FILTER_MAX", 512LL},
    {"J1939_IDLE_ADDR", 254LL},
    {"J1939_MAX_UNICAST_ADDR", 253LL},
    {"J1939_NLA_BYTES_ACKED", 1LL},
    {"J1939_NLA_PAD", 0LL},
    {"J1939_NO_ADDR", 255LL},
    {"J1939_NO_NAME", 0LL},
    {"J1939_NO_PGN", 262144LL},
    {"J1939_PGN_ADDRESS_CLAIMED", 60928LL},
    {"J1939_PGN_ADDRESS_COMMANDED", 65240LL},
    {"J1939_PGN_MAX", 262143LL},
    {"J1939_PGN_PDU1_MAX", 261888LL},
    {"J1939_PGN_REQUEST", 59904LL},
    {"NETLINK_CRYPTO", 21LL},
    {"NETLINK_DNRTMSG", 14LL},
    {"NETLINK_FIREWALL", 3LL},
    {"NETLINK_IP6_FW", 13LL},
    {"NETLINK_NFLOG", 5LL},
    {"NETLINK_ROUTE", 0LL},
    {"NETLINK_USERSOCK", 2LL},
    {"NETLINK_XFRM", 6LL},
    {"PACKET_BROADCAST", 1LL},
    {"PACKET_FASTROUTE", 6LL},
    {"PACKET_HOST", 0LL},
    {"PACKET_LOOPBACK", 5LL},
    {"PACKET_MULTICAST", 2LL},
    {"PACKET_OTHERHOST", 3LL},
    {"PACKET_OUTGOING", 4LL},
    {"SCM_J1939_DEST_ADDR", 1LL},
    {"SCM_J1939_DEST_NAME", 2LL},
    {"SCM_J1939_ERRQUEUE", 4LL},
    {"SCM_J1939_PRIO", 3LL},
    {"SOL_CAN_BASE", 100LL},
    {"SOL_CAN_RAW", 101LL},
    {"SOL_HCI", 0LL},
    {"SO_J1939_ERRQUEUE", 4LL},
    {"SO_J1939_FILTER", 1LL},
    {"SO_J1939_PROMISC", 2LL},
    {"SO_J1939_SEND_PRIO", 3LL},
    {"SO_VM_SOCKETS_BUFFER_MAX_SIZE", 2LL},
    {"SO_VM_SOCKETS_BUFFER_MIN_SIZE", 1LL},
    {"SO_VM_SOCKETS_BUFFER_SIZE", 0LL},
    {"TIPC_ADDR_ID", 3LL},
    {"TIPC_ADDR_NAME", 2LL},
    {"TIPC_ADDR_NAMESEQ", 1LL},
    {"TIPC_CFG_SRV", 0LL},
    {"TIPC_CLUSTER_SCOPE", 2LL},
    {"TIPC_CONN_TIMEOUT", 130LL},
    {"TIPC_CRITICAL_IMPORTANCE", 3LL},
    {"TIPC_DEST_DROPPABLE", 129LL},
    {"TIPC_HIGH_IMPORTANCE", 2LL},
    {"TIPC_IMPORTANCE", 127LL},
    {"TIPC_LOW_IMPORTANCE", 0LL},
    {"TIPC_MEDIUM_IMPORTANCE", 1LL},
    {"TIPC_NODE_SCOPE", 3LL},
    {"TIPC_PUBLISHED", 1LL},
    {"TIPC_SRC_DROPPABLE", 128LL},
    {"TIPC_SUBSCR_TIMEOUT", 3LL},
    {"TIPC_SUB_CANCEL", 4LL},
    {"TIPC_SUB_PORTS", 1LL},
    {"TIPC_SUB_SERVICE", 2LL},
    {"TIPC_TOP_SRV", 1LL},
    {"TIPC_WAIT_FOREVER", -1LL},
    {"TIPC_WITHDRAWN", 2LL},
    {"TIPC_ZONE_SCOPE", 1LL},
    {"UDPLITE_RECV_CSCOV", 11LL},
    {"UDPLITE_SEND_CSCOV", 10LL},
    {"VMADDR_CID_ANY", 4294967295LL},
    {"VMADDR_CID_HOST", 2LL},
    {"VMADDR_PORT_ANY", 4294967295LL},
    {"VM_SOCKETS_INVALID_VERSION", 4294967295LL},
    {NULL, 0},
};

static int add_table(obj_t *d, const sock_const_t *t) {
    for (; t->name; t++) {
        obj_t *v = int_from_i64(t->value);
        int rc = v ? dict_set_str(d, t->name, v) : -1;
        XDECREF(v);
        if (rc < 0) return -1;
    }
    return 0;
}

int sock_add_constants(obj_t *module) {
    obj_t *d = module_dict(module);
    if (add_table(d, sock_macro_consts) < 0 || add_table(d, sock_linux_consts) < 0) return -1;
    static const char *const strs[][2] = {
        {"BDADDR_ANY", "00:00:00:00:00:00"},
        {"BDADDR_LOCAL", "00:00:00:FF:FF:FF"},
    };
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
        obj_t *s = str_from_cstr(strs[i][1]);
        int rc = s ? dict_set_str(d, strs[i][0], s) : -1;
        XDECREF(s);
        if (rc < 0) return -1;
    }
    return 0;
}
