package com.projectmeats.catalog;

import com.projectmeats.activity.ActivityLogs;
import com.projectmeats.activity.ScheduledCalls;
import com.projectmeats.core.crud.Catalog;
import com.projectmeats.money.Claims;
import com.projectmeats.money.Invoices;
import com.projectmeats.money.Payments;
import com.projectmeats.party.Carriers;
import com.projectmeats.party.Contacts;
import com.projectmeats.party.Customers;
import com.projectmeats.party.Locations;
import com.projectmeats.party.Plants;
import com.projectmeats.party.Suppliers;
import com.projectmeats.product.Products;
import com.projectmeats.purchasing.CarrierPurchaseOrders;
import com.projectmeats.purchasing.ColdStorageEntries;
import com.projectmeats.purchasing.PurchaseOrders;
import com.projectmeats.sales.SalesOrders;
import java.util.List;

/** Every resource of the brokerage API, in the order the docs and the web app list them. */
public final class Brokerage {
  private Brokerage() {}

  public static Catalog catalog() {
    return new Catalog(
        List.of(
            Suppliers.RESOURCE,
            Customers.RESOURCE,
            Contacts.RESOURCE,
            Plants.RESOURCE,
            Carriers.RESOURCE,
            Locations.RESOURCE,
            Products.RESOURCE,
            PurchaseOrders.RESOURCE,
            SalesOrders.RESOURCE,
            CarrierPurchaseOrders.RESOURCE,
            ColdStorageEntries.RESOURCE,
            Invoices.RESOURCE,
            Payments.RESOURCE,
            Claims.RESOURCE,
            ActivityLogs.RESOURCE,
            ScheduledCalls.RESOURCE));
  }
}
