package cn.carbon.contracts.rulebook;

import com.fasterxml.jackson.databind.JsonNode;

interface Conv<T> {
    T convert(String path, JsonNode node);
}
