package io.courier.gateway.web.account;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record RecentRequest(@NotNull @Size(max = 1000) String page) {
}
