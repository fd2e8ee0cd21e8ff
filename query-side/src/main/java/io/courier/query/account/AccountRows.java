package io.courier.query.account;

import org.springframework.data.repository.reactive.ReactiveCrudRepository;

import java.util.UUID;

interface AccountRows extends ReactiveCrudRepository<AccountRow, UUID> {
}
