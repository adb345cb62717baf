/* fbk-demo-faults.h: the failures the demo server injects on demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fault plan is a list of rules, each a fault and the requests it hits.
 * As a string (forbruk-cli --faults SPEC):
 *
 *   SPEC  = RULE *( ";" RULE )          spaces around tokens are ignored;
 *                                       an empty SPEC has no faults
 *   RULE  = FAULT [ "@" WHEN ] [ "@" PATH ]
 *                                       without WHEN: every request
 *   FAULT = "429" [ ":" SECONDS ]       429 Too Many Requests, Retry-After
 *                                       SECONDS (default 1)
 *         | "500" | "503"               Internal Server Error, Service Unavailable
 *         | "missing"                   404 Not Found, as the service answers
 *                                       for what it does not have
 *         | "delay:" MILLISECONDS       the normal answer, that much later
 *         | "truncate"                  the headers promise the whole body,
 *                                       half of it is sent, the connection closes
 *         | "drop"                      the connection closes without an answer
 *   WHEN  = N                           the Nth request (the first is 1)
 *         | N "-" M                     requests N to M
 *         | N "+"                       request N and every one after it
 *         | P "%"                       each request with probability P
 *                                       (0 < P <= 100), decided by the seed
 *   PATH  = "/" ...                     only requests whose path begins so
 *
 * Examples: "429:2@1; 500@2" rate-limits the first request and fails the
 * second; "delay:1500@25%; drop@7" slows a quarter of the requests and hangs
 * up on the seventh; "missing@/api/v1/prices/2026/01-16" takes that day's
 * spot prices away (every area), "500@3+@/api/v1/prices" fails every price
 * request from the third request on.
 *
 * Requests are numbered as the server's request log numbers them, whatever
 * their path. Delays of every matching rule add up; of the other faults the
 * first matching rule wins, and it comes after the delay. */

typedef enum
{
  FBK_DEMO_FAULT_RATE_LIMITED,  /* 429 with Retry-After: param seconds */
  FBK_DEMO_FAULT_SERVER_ERROR,  /* 500 */
  FBK_DEMO_FAULT_UNAVAILABLE,   /* 503 */
  FBK_DEMO_FAULT_DELAY,         /* param milliseconds before the answer */
  FBK_DEMO_FAULT_TRUNCATE,      /* half the body, then the connection closes */
  FBK_DEMO_FAULT_DROP,          /* the connection closes without an answer */
  FBK_DEMO_FAULT_MISSING,       /* 404 */
} FbkDemoFaultKind;

typedef struct
{
  FbkDemoFaultKind kind;
  guint            param;          /* Retry-After seconds or delay milliseconds */
  guint            first_request;  /* 1-based */
  guint            last_request;   /* G_MAXUINT: no end */
  double           probability;    /* 1.0: every request in the range */
  const char      *path_prefix;    /* NULL: any path */
} FbkDemoFault;

typedef struct _FbkDemoFaults FbkDemoFaults;

FbkDemoFaults      *fbk_demo_faults_new   (void);
FbkDemoFaults      *fbk_demo_faults_parse (const char          *spec,
                                           GError             **error);
void                fbk_demo_faults_free  (FbkDemoFaults       *faults);
void                fbk_demo_faults_add   (FbkDemoFaults       *faults,
                                           const FbkDemoFault  *fault);
guint               fbk_demo_faults_get_length (const FbkDemoFaults *faults);
const FbkDemoFault *fbk_demo_faults_get   (const FbkDemoFaults *faults,
                                           guint                index);
const FbkDemoFault *fbk_demo_faults_match (const FbkDemoFaults *faults,
                                           guint64              seed,
                                           guint                request_number,
                                           const char          *path,
                                           guint               *out_delay_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkDemoFaults, fbk_demo_faults_free)

G_END_DECLS
