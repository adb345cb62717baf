/* fbk-norgespris-verdict.h: the same bills under strømstøtte and under
 * Norgespris
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-cost-report.h"

G_BEGIN_DECLS

/* One Oslo month in which Norgespris could be had, øre incl. VAT. */
typedef struct
{
  int        year;
  int        month;
  FbkInstant start;           /* of the month's part in the period */
  double     stromstotte_ore; /* the bill under strømstøtte; NAN when not known */
  double     norgespris_ore;  /* under Norgespris from the month's start */
  guint32    unknown;         /* FbkCostUnknown of either */
} FbkVerdictMonth;

typedef struct
{
  GArray   *months;           /* FbkVerdictMonth, in order */
  double    stromstotte_ore;  /* summed over the months; NAN when any is */
  double    norgespris_ore;
  guint32   unknown;
  gboolean  chose_norgespris; /* every meter's contract is on Norgespris */
  double    cap_kwh;          /* Norgespris' monthly cap of the first meter, as its contract has it */
} FbkNorgesprisVerdict;

FbkNorgesprisVerdict *fbk_norgespris_verdict_compute (const FbkCostReport  *report,
                                                      FbkTariffBook        *book);
void                  fbk_norgespris_verdict_free    (FbkNorgesprisVerdict *verdict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkNorgesprisVerdict, fbk_norgespris_verdict_free)

G_END_DECLS
