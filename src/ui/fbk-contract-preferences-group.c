/* fbk-contract-preferences-group.c: one metering point's contract
 *
 * What the household pays for one metering point (electricity-bill.md,
 * "What a user chooses"), read from and written to its contract settings
 * (fbk-contract-settings.c) as soon as a field changes, so the Cost page,
 * which follows those settings, bills again at once. A contract that does
 * not validate is not written: the row says what is wrong, and the saved
 * contract stays as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-contract-preferences-group"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-contract-preferences-group.h"
#include "fbk-contract-settings.h"

struct _FbkContractPreferencesGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  AdwComboRow         *supplier_row;
  AdwActionRow        *markup_row;
  GtkSpinButton       *markup_spin;
  AdwActionRow        *fixed_price_row;
  GtkSpinButton       *fixed_price_spin;
  GtkSpinButton       *fee_spin;
  AdwComboRow         *scheme_row;
  AdwEntryRow         *norgespris_from_row;
  GtkSwitch           *cabin_switch;
  AdwComboRow         *area_row;

  /* Owned references */
  GSettings           *settings;
  FbkContract          shown;      /* what the rows show */
  gboolean             filling;    /* the rows are being set from the settings */
};

G_DEFINE_FINAL_TYPE (FbkContractPreferencesGroup, fbk_contract_preferences_group, ADW_TYPE_PREFERENCES_GROUP)

/* The rows a supplier or scheme has no use for are hidden. */
static void
sync_visible_rows (FbkContractPreferencesGroup *self)
{
  gboolean spot = adw_combo_row_get_selected (self->supplier_row) == FBK_SUPPLIER_SPOT;

  gtk_widget_set_visible (GTK_WIDGET (self->markup_row), spot);
  gtk_widget_set_visible (GTK_WIDGET (self->fixed_price_row), !spot);
  gtk_widget_set_visible (GTK_WIDGET (self->norgespris_from_row),
                          adw_combo_row_get_selected (self->scheme_row) == FBK_SCHEME_NORGESPRIS);
}

static void
fill_rows (FbkContractPreferencesGroup *self)
{
  FbkContract *contract = &self->shown;

  self->filling = TRUE;
  fbk_contract_settings_read (self->settings, contract);
  adw_combo_row_set_selected (self->supplier_row, contract->supplier);
  gtk_spin_button_set_value (self->markup_spin, contract->markup_ore);
  gtk_spin_button_set_value (self->fixed_price_spin, contract->fixed_price_ore);
  gtk_spin_button_set_value (self->fee_spin, contract->monthly_fee_kr);
  adw_combo_row_set_selected (self->scheme_row, contract->scheme);
  if (fbk_contract_norgespris_from_scheme_start (contract))
    gtk_editable_set_text (GTK_EDITABLE (self->norgespris_from_row), "");
  else
    {
      g_autofree char *from = g_strdup_printf ("%04d-%02d-%02d", contract->norgespris_from.year,
                                               contract->norgespris_from.month, contract->norgespris_from.day);

      gtk_editable_set_text (GTK_EDITABLE (self->norgespris_from_row), from);
    }
  gtk_switch_set_active (self->cabin_switch, contract->cabin);
  adw_combo_row_set_selected (self->area_row, contract->area);
  gtk_widget_remove_css_class (GTK_WIDGET (self->norgespris_from_row), "error");
  sync_visible_rows (self);
  self->filling = FALSE;
}

/* The rows as a contract; FALSE with @error when one does not parse. */
static gboolean
read_rows (FbkContractPreferencesGroup  *self,
           FbkContract                  *contract,
           GError                      **error)
{
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->norgespris_from_row));

  *contract = self->shown;
  contract->supplier = adw_combo_row_get_selected (self->supplier_row);
  contract->markup_ore = gtk_spin_button_get_value (self->markup_spin);
  contract->fixed_price_ore = gtk_spin_button_get_value (self->fixed_price_spin);
  contract->monthly_fee_kr = gtk_spin_button_get_value (self->fee_spin);
  contract->scheme = adw_combo_row_get_selected (self->scheme_row);
  contract->cabin = gtk_switch_get_active (self->cabin_switch);
  contract->area = adw_combo_row_get_selected (self->area_row);
  contract->norgespris_from = (FbkDate) { 0, 0, 0 };
  if (*from != '\0' && !fbk_time_parse_date (from, &contract->norgespris_from))
    {
      g_set_error (error, FBK_CONTRACT_ERROR, FBK_CONTRACT_ERROR_INVALID,
                   _("“%s” is not a date: use YYYY-MM-DD."), from);
      return FALSE;
    }
  return fbk_contract_validate (contract, error);
}

static void
on_row_changed_cb (FbkContractPreferencesGroup *self)
{
  g_autoptr(GError) error = NULL;
  FbkContract contract;

  if (self->filling || self->settings == NULL)
    return;

  sync_visible_rows (self);
  if (!read_rows (self, &contract, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->norgespris_from_row), "error");
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), error->message);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->norgespris_from_row), "error");
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), NULL);
  self->shown = contract;
  /* Written in one go, so a listener bills once for the whole change. */
  g_settings_delay (self->settings);
  fbk_contract_settings_write (self->settings, &contract);
  g_settings_apply (self->settings);
}

static void
fbk_contract_preferences_group_dispose (GObject *object)
{
  FbkContractPreferencesGroup *self = FBK_CONTRACT_PREFERENCES_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FBK_TYPE_CONTRACT_PREFERENCES_GROUP);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (fbk_contract_preferences_group_parent_class)->dispose (object);
}

static void
fbk_contract_preferences_group_class_init (FbkContractPreferencesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fbk_contract_preferences_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/fbk-contract-preferences-group.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkContractPreferencesGroup, supplier_row);
  gtk_widget_class_bind_template_child (widget_class, FbkContractPreferencesGroup, markup_row);
  gtk_widget_class_bind_template_child (widget_class, FbkContractPreferencesGroup, markup_spin);
  gtk_widget_class_bind_template_child (widget_class, FbkContractPreferencesGroup, fixed_price_row);
  gtk_widget_class_bind_template_child (widget_class, FbkContractPreferencesGroup, fixed_price_spin);
  gtk_widget_class_bind_template_child (widget_class, FbkContractPreferencesGroup, fee_spin);
  gtk_widget_class_bind_template_child (widget_class, FbkContractPreferencesGroup, scheme_row);
  gtk_widget_class_bind_template_child (widget_class, FbkContractPreferencesGroup, norgespris_from_row);
  gtk_widget_class_bind_template_child (widget_class, FbkContractPreferencesGroup, cabin_switch);
  gtk_widget_class_bind_template_child (widget_class, FbkContractPreferencesGroup, area_row);
}

static void
fbk_contract_preferences_group_init (FbkContractPreferencesGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fbk_contract_init_default (&self->shown);

  g_signal_connect_object (self->supplier_row, "notify::selected", G_CALLBACK (on_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->markup_spin, "value-changed", G_CALLBACK (on_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fixed_price_spin, "value-changed", G_CALLBACK (on_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fee_spin, "value-changed", G_CALLBACK (on_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scheme_row, "notify::selected", G_CALLBACK (on_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->norgespris_from_row, "apply", G_CALLBACK (on_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cabin_switch, "notify::active", G_CALLBACK (on_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->area_row, "notify::selected", G_CALLBACK (on_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * fbk_contract_preferences_group_new:
 * @name: what the user calls the metering point
 *
 * Returns: (transfer floating): the group of @metering_point_id's contract
 */
GtkWidget *
fbk_contract_preferences_group_new (const char *metering_point_id,
                                    const char *name)
{
  FbkContractPreferencesGroup *self = g_object_new (FBK_TYPE_CONTRACT_PREFERENCES_GROUP, "title", name, NULL);

  self->settings = fbk_contract_settings_new (metering_point_id);
  if (self->settings == NULL)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                             _("Contracts cannot be saved: Forbruk’s settings schema is not installed."));
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      sync_visible_rows (self);
      return GTK_WIDGET (self);
    }

  fill_rows (self);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (fill_rows), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
